"""What the web server itself says in the terminal, in Chinese.

``yusuan serve`` runs uvicorn at level warning, so a user sees only its warnings and errors: a request
it could not parse, a response cut off, a failure inside the app, a port it could not take. Those are
said here in Chinese (the level too); a message not listed keeps uvicorn's text after the Chinese
level, and a traceback of a failure inside the app is left out of the terminal, where it helps no
user (``YUSUAN_DEBUG=1`` shows it).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from yusuan.phrases import Phrases

_LEVELS = {"CRITICAL": "严重错误", "ERROR": "错误", "WARNING": "警告", "INFO": "信息", "DEBUG": "调试"}
_MESSAGES = Phrases([
    (r"\[Errno \d+\] error while attempting to bind on address \('?(?P<h>[^',]+)'?, (?P<p>\d+)\): (?P<why>.+)",
     "无法在 {h}:{p} 启动网页（{why}）：端口可能已被占用。"),
    (r"Invalid HTTP request received\.", "收到一个无法解析的 HTTP 请求，已忽略。"),
    (r"Unsupported upgrade request\.", "收到不支持的协议升级请求，已忽略。"),
    (r"Exception in ASGI application", "处理一个请求时出错：这是 yusuan 的缺陷，请报告。"),
    (r"Response content (?:longer|shorter) than Content-Length", "响应内容与其长度不符。"),
    (r"Application (?:startup|shutdown) failed\. Exiting\.", "网页启动或关闭失败，已退出。"),
    (r"Maximum request limit of (?P<n>\d+) exceeded", "请求数超过上限 {n}，进程结束。"),
])


class ChineseFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        message = _MESSAGES.say(message) or message
        level = _LEVELS.get(record.levelname, record.levelname)
        trace = f"\n{self.formatException(record.exc_info)}" if record.exc_info and os.environ.get(
            "YUSUAN_DEBUG") else ""
        return f"{level}：{message}{trace}"


def log_config() -> dict[str, Any]:
    """uvicorn's ``log_config``: its own loggers through :class:`ChineseFormatter`, to the terminal."""
    handler = {"class": "logging.StreamHandler", "formatter": "chinese", "stream": "ext://sys.stderr"}
    return {"version": 1, "disable_existing_loggers": False,
            "formatters": {"chinese": {"()": ChineseFormatter}},
            "handlers": {"default": handler},
            "loggers": {name: {"handlers": ["default"], "level": "WARNING", "propagate": False}
                        for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")}}
