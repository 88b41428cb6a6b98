"""Reading uploaded text files: size-bounded, UTF-8 only, with a message for people otherwise."""

from __future__ import annotations

# The same bound as `server.maxUploadSize` in .streamlit/config.toml, checked here too.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def read_text_file(data: bytes, file_name: str = "the file") -> str:
    """The text of an uploaded file, or ValueError saying why it is not usable text.

    >>> read_text_file("héllo".encode())
    'héllo'
    """
    if not data:
        raise ValueError(f"{file_name} is empty: there is no text to use.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"{file_name} is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    if b"\x00" in data[:8192]:
        raise ValueError(f"{file_name} looks like a binary file (it contains NUL bytes): upload a plain-text file.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{file_name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start:,} is not valid): "
            "save it as UTF-8 and upload it again."
        ) from None
