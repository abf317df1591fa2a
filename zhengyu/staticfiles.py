"""Static files with hashed names, compressed by collectstatic, and usable before it has run.

``HashedCompressedStorage`` is whitenoise's ``CompressedManifestStaticFilesStorage``: collectstatic writes each
file under a name holding a hash of its content (``app.3f2a1c.css``) with gzip and brotli copies, so whitenoise
can send them with a cache of ten years (``immutable``) and a phone never revalidates plotly.js. A page rendered
before collectstatic (a fresh checkout's first test, ``manage.py runserver`` before ``make run``) gets the plain
name instead of an error; whitenoise then serves the source folders (``WHITENOISE_USE_FINDERS``).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedCompressedStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:  # not collected yet: no manifest entry and no file under STATIC_ROOT
            return name
