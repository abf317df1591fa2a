"""What may be attached to a log entry: photos and office documents up to 10 MB, checked by name and content.

The extension must be on the list and the file's first bytes must match it, so a renamed executable or web
page is refused. Files are stored under MEDIA_ROOT with a random name and served only through a view that
requires login (``projects.views.log.attachment``).
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from projects.models import Attachment

MAX_SIZE = 10 * 1024 * 1024

PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
GIF = (b"GIF87a", b"GIF89a")
PDF = b"%PDF-"
ZIP = b"PK\x03\x04"  # docx, xlsx, pptx are zip archives
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc, xls, ppt

# extension → (kind, content type served back, accepted signatures)
ALLOWED = {
    ".png": (Attachment.Kind.IMAGE, "image/png", (PNG,)),
    ".jpg": (Attachment.Kind.IMAGE, "image/jpeg", (JPEG,)),
    ".jpeg": (Attachment.Kind.IMAGE, "image/jpeg", (JPEG,)),
    ".gif": (Attachment.Kind.IMAGE, "image/gif", GIF),
    ".webp": (Attachment.Kind.IMAGE, "image/webp", (b"RIFF",)),
    ".pdf": (Attachment.Kind.DOCUMENT, "application/pdf", (PDF,)),
    ".docx": (
        Attachment.Kind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP,),
    ),
    ".xlsx": (
        Attachment.Kind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (ZIP,),
    ),
    ".pptx": (
        Attachment.Kind.DOCUMENT,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (ZIP,),
    ),
    ".doc": (Attachment.Kind.DOCUMENT, "application/msword", (OLE,)),
    ".xls": (Attachment.Kind.DOCUMENT, "application/vnd.ms-excel", (OLE,)),
    ".ppt": (Attachment.Kind.DOCUMENT, "application/vnd.ms-powerpoint", (OLE,)),
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
