"""Hand-in files are judged by their content: the sniffer and the name cleaner."""

import io
import zipfile

import pytest

from app.practice.uploads import DOCX, UploadError, check_file, clean_filename, sniff


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.7\n...", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    ("Notizen über die Schicht\n\tzweite Zeile\r\n".encode(), "text/plain"),
    (_zip("[Content_Types].xml", "word/document.xml"), DOCX),
    (_zip("[Content_Types].xml", "xl/workbook.xml"), None),  # a spreadsheet is no DOCX
    (b"MZ\x90\x00\x03", None),
    (b"text with a \x00 byte", None),
    (b"\x1b[31mterminal escape", None),
    (b"\xff\xfe not utf-8 \xc3", None),
])
def test_sniff_names_only_what_the_bytes_show(data, expected):
    assert sniff(data) == expected


def test_clean_filename_keeps_the_last_part_without_control_characters():
    assert clean_filename("C:\\Users\\tara\\My notes.txt") == "My notes.txt"
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("re\u202eport\x00.txt") == "report.txt"
    long = clean_filename("a" * 300 + ".docx")
    assert len(long) == 120 and long.endswith(".docx")


def test_check_file_wants_a_matching_extension():
    assert check_file("Scan.JPG", b"\xff\xd8\xff\xdb").media_type == "image/jpeg"
    with pytest.raises(UploadError, match="its content is not a PDF") as err:
        check_file("report.pdf", b"\x89PNG\r\n\x1a\n")
    assert err.value.status == 415
    with pytest.raises(UploadError, match="PDF, PNG, JPEG") as err:
        check_file("noextension", b"hello")
    assert err.value.status == 415
