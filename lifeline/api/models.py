"""API tokens: one user may hold several, each named and separately revocable."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lifeline.api import tokens


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def user_for(self, secret: str):
        """The active user holding `secret`, or None; marks the token as used.

        One indexed lookup by digest. `last_used` is written at most once a
        minute per token, so a busy client does not turn every read into a write.
        """
        if not tokens.looks_like_token(secret):
            return None
        token = (
            self.filter(digest=tokens.digest(secret), revoked__isnull=True)
            .select_related("user")
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used is None or (now - token.last_used).total_seconds() > 60:
            # A conditional update: concurrent requests do not fight over the row.
            self.filter(pk=token.pk).update(last_used=now)
        return token.user


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    visible = models.CharField(_("start of the token"), max_length=20)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.visible}… ({self.name or self.user})"

    @classmethod
    def issue(cls, user, name: str = "") -> tuple["ApiToken", str]:
        """A new token for `user`; returns the row and the secret, which is shown only now."""
        made = tokens.new_token()
        token = cls.objects.create(user=user, name=name, visible=made.visible, digest=made.digest)
        return token, made.secret
