"""What may be uploaded: photos and office documents up to 10 MB, checked by name and content.

The extension must be on the list and the file's first bytes must match it, so a renamed executable or web
page is refused. Files are stored under MEDIA_ROOT with a random name and served only through views that
require login and check who may read them. Used by the projects' weekly log (``projects.uploads`` re-exports it)
and by the 佐证材料 of an office's month (``targets.models.evidence``); it knows neither app's models.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024

# The two kinds of file; ``projects.Attachment.Kind`` and ``targets.Evidence.Kind`` use the same values.
IMAGE = "image"
DOCUMENT = "document"

PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
GIF = (b"GIF87a", b"GIF89a")
PDF = b"%PDF-"
ZIP = b"PK\x03\x04"  # docx, xlsx, pptx are zip archives
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc, xls, ppt

# extension → (kind, content type served back, accepted signatures)
ALLOWED = {
    ".png": (IMAGE, "image/png", (PNG,)),
    ".jpg": (IMAGE, "image/jpeg", (JPEG,)),
    ".jpeg": (IMAGE, "image/jpeg", (JPEG,)),
    ".gif": (IMAGE, "image/gif", GIF),
    ".webp": (IMAGE, "image/webp", (b"RIFF",)),
    ".pdf": (DOCUMENT, "application/pdf", (PDF,)),
    ".docx": (
        DOCUMENT,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP,),
    ),
    ".xlsx": (
        DOCUMENT,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (ZIP,),
    ),
    ".pptx": (
        DOCUMENT,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (ZIP,),
    ),
    ".doc": (DOCUMENT, "application/msword", (OLE,)),
    ".xls": (DOCUMENT, "application/vnd.ms-excel", (OLE,)),
    ".ppt": (DOCUMENT, "application/vnd.ms-powerpoint", (OLE,)),
}
ACCEPT = ",".join(ALLOWED)


def check_upload(upload) -> tuple[str, str]:
    """The ``(kind, content_type)`` of an acceptable upload; a Chinese ``ValidationError`` otherwise."""
    name = upload.name or ""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(
            _(
                "“%(name)s”不是可上传的照片或文档。只接受 JPG、PNG、GIF、WEBP 照片和 PDF、Word、Excel、PPT 文档。"
            )
            % {"name": name}
        )
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s”有 %(size).1f MB，超过 10 MB 的上限，请压缩后再上传。")
            % {"name": name, "size": upload.size / 1024 / 1024}
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s”是空文件。") % {"name": name})
    kind, content_type, signatures = ALLOWED[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures) or (
        suffix == ".webp" and head[8:12] != b"WEBP"
    ):
        raise ValidationError(
            _("“%(name)s”的内容与扩展名不符，不是真正的照片或文档，未上传。") % {"name": name}
        )
    return kind, content_type
