"""Who is calling the API: a token in ``Authorization: Bearer <token>`` (``targets.models.ApiToken``)."""

from targets.models import ApiToken


def bearer_secret(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _space, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def token_user(request):
    """The active user the request's token stands for, or ``None``."""
    return ApiToken.authenticate(bearer_secret(request))
