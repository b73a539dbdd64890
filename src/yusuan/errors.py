"""The one exception type users may see: its message is a complete Chinese sentence.

The CLI prints ``str(error)`` on one line and exits with code 2; no traceback reaches the user.
"""


class YusuanError(Exception):
    """An input yusuan cannot work with; the message says what and where, in Chinese."""


class UnreadableInput(YusuanError):
    """The file is empty, binary, damaged, or not a disclosure this version can read."""
