# The one shape every tool prints a compile error in: "file:line:col: error:
# message", the source line, a caret. Imported only when there is an error
# to print: the board keeps it out of the compiler's resident heap.


def source_line(source, line):
    # The text of 1-based `line`, without its newline.
    start = 0
    for _ in range(line - 1):
        nl = source.find("\n", start)
        if nl < 0:
            return ""
        start = nl + 1
    end = source.find("\n", start)
    return source[start:] if end < 0 else source[start:end]


def format_error(filename, source, err):
    text = source_line(source, err.line).replace("\t", " ")
    caret = " " * (err.col - 1) + "^"
    return "%s:%d:%d: error: %s\n%s\n%s" % (filename, err.line, err.col, err.message, text, caret)
