"""The PDF reader: text-layer PDFs → :class:`~yusuan.model.Document`, every value with its page and box."""

from yusuan.read.pdf.document import is_pdf, read_pdf, read_pdf_bodies

__all__ = ["is_pdf", "read_pdf", "read_pdf_bodies"]
