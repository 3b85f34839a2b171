# Overload resolution beyond exact parameter types: GLSL's implicit
# conversions (int/uint -> float) and the errors when nothing matches.
# Imported by the parser only when a call matches no overload exactly.

from . import glsl_types as T
from .parser import Q_IN


def resolve(p, name, sigs, args, types, pos):
    # No overload takes these exact types: one must take them with GLSL's
    # implicit conversions (int/uint -> float), or it is an error.
    found = None
    for s in sigs:
        if len(s.params) == len(args) and convertible(s, types):
            if found is not None:
                p.error("ambiguous call to '%s'" % name, pos)
            found = s
    if found is None:
        if len(sigs) == 1 and len(sigs[0].params) != len(args):
            p.error("wrong number of arguments to '%s': expected %d, got %d"
                    % (name, len(sigs[0].params), len(args)), pos)
        if len(sigs) == 1:
            for i in range(len(args)):
                if args[i].type != sigs[0].params[i]:
                    p.error("argument %d of '%s' must be %s, not %s"
                            % (i + 1, name, T.name(sigs[0].params[i]),
                               T.name(args[i].type)), pos)
        p.error("no matching overload for %s(%s)"
                % (name, ", ".join(T.name(t) for t in types)), pos)
    return found


def convertible(sig, types):
    for i in range(len(types)):
        t = sig.params[i]
        a = types[i]
        if a == t:
            continue
        if sig.quals[i] != Q_IN or not (T.is_scalar_or_vector(a) and T.is_scalar_or_vector(t)):
            return False
        if T.width(a) != T.width(t) or T.kind(t) != T.K_FLOAT or \
                T.kind(a) not in (T.K_INT, T.K_UINT):
            return False
    return True
