"""Flask-Compress, closing the original body it replaces.

Flask-Compress swaps a file response's body for its compressed stream and never closes the file
it read, which leaks one file handle per static file served.
"""

from __future__ import annotations

from flask import Response
from flask_compress import Compress


class ClosingCompress(Compress):
    def after_request(self, response: Response) -> Response:
        original = response.response
        compressed = super().after_request(response)
        if compressed.response is not original and hasattr(original, "close"):
            compressed.call_on_close(original.close)
        return compressed
