"""What may be attached to a log entry: the checks shared with the targets app's 佐证材料 (``targets.uploads``).

Photos and office documents up to 10 MB, checked by extension *and* content; stored under MEDIA_ROOT with a
random name and served only to logged-in users (``projects.views.work.attachment``).
"""

from targets.uploads import ACCEPT, ALLOWED, DOCUMENT, IMAGE, MAX_SIZE, check_upload

__all__ = ["ACCEPT", "ALLOWED", "DOCUMENT", "IMAGE", "MAX_SIZE", "check_upload"]
