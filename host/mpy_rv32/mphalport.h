// Nothing beyond py/mphal.h's declarations: stdout is the only HAL service
// this port has (hostio.c); there is no clock, input or pin to offer.
// Naming a pin type anyway keeps py/mphal.h from including extmod's
// virtual pins, which the source package we build from does not ship.
#define mp_hal_pin_obj_t void *
