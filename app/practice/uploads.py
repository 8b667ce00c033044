"""Checking a hand-in file by what it is, not by what it is called.

The name's extension says which type the learner means; the first bytes (and, for a
DOCX, the ZIP's parts) must agree, so a renamed executable or HTML page is refused."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

MAX_FILE_BYTES = 5 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = {  # extension -> media type
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "docx": DOCX,
}
ALLOWED = "PDF, PNG, JPEG, plain text (.txt) or Word (.docx)"


class UploadError(ValueError):
    """A file we do not accept; the message is fit to show, `status` is the HTTP code."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    media_type: str
    data: bytes


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls == 0


def sniff(data: bytes) -> str | None:
    """The media type the content itself shows, among the accepted ones, or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        return DOCX if _is_docx(data) else None
    return "text/plain" if _is_text(data) else None


def clean_filename(name: str) -> str:
    """The last path part, without control characters, at most 120 characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name)
                   if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 119 - len(ext)] + dot + ext) if dot and len(ext) <= 5 else name[:120]
    return name


def check_file(filename: str, data: bytes) -> CheckedFile:
    """Accept a PDF, PNG, JPEG, plain-text or DOCX file of at most 5 MB whose content
    matches its extension; raise UploadError (400, 413 or 415) otherwise."""
    name = clean_filename(filename)
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if not name or ext not in TYPES:
        raise UploadError(f"file: attach a {ALLOWED} file (the name ends in .pdf, .png, "
                          ".jpg, .txt or .docx).", 415)
    if not data:
        raise UploadError(f"file: {name} is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise UploadError(f"file: {name} is {len(data) / 1024 / 1024:.1f} MB; "
                          "the limit is 5 MB.", 413)
    found = sniff(data)
    if found != TYPES[ext]:
        raise UploadError(f"file: {name} is called .{ext} but its content is not "
                          f"{'a ' + ext.upper() if ext != 'txt' else 'plain text'} file. "
                          f"Attach a {ALLOWED} file.", 415)
    return CheckedFile(name, found, data)
