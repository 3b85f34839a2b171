# Compile errors carry a position; error_text.format_error renders them.


class CompileError(Exception):
    def __init__(self, message, line, col):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
