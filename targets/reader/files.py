"""A report file as text: plain text in UTF-8 or GB18030 (the encodings Chinese offices save in), or .docx."""

import io
import zipfile
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class ReportFileError(ValueError):
    """A file the reader cannot read; the message says why, in Chinese, for the person who chose it."""


def report_text(data: bytes, filename: str = "") -> str:
    """The text of an uploaded or named report file, or ``ReportFileError``."""
    suffix = Path(filename).suffix.lower()
    if len(data) > MAX_BYTES:
        raise ReportFileError(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请只上传工作报告正文。")
    if not data.strip():
        raise ReportFileError("文件是空的，请选择工作报告的 .txt 或 .docx 文件。")
    if suffix == ".docx" or (data[:4] == b"PK\x03\x04" and suffix not in TEXT_SUFFIXES - {""}):
        return _docx_text(data)
    if suffix not in TEXT_SUFFIXES:
        raise ReportFileError(f"不支持 {suffix} 文件，请上传 .txt（文本）或 .docx（Word）格式的工作报告。")
    return _plain_text(data)


def _plain_text(data: bytes) -> str:
    if b"\x00" in data:
        raise ReportFileError("这不是文本文件，请上传 .txt（文本）或 .docx（Word）格式的工作报告。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
        if controls > len(text) // 100:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReportFileError("无法识别文件的文字编码（应为 UTF-8 或 GB18030），或这不是文本文件。")


def _docx_text(data: bytes) -> str:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReportFileError(
            "无法打开这个 .docx 文件，请确认它是 Word 文档（不是 .doc 或改了扩展名的文件）。"
        ) from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("，".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)
