"""Every table that can hold something about a person, and what happens to it.

The list is explicit so that a new model cannot hold personal data unnoticed:
`tests/network/test_personal_data.py` walks every installed model and fails for
one that points to a user or member, or has an email, name or address field,
until it is listed here, and then checks that deleting an account removes or
anonymises its rows and that the download of a member's data includes them.
docs/security.md's table of personal data is this list.
"""

from __future__ import annotations

from dataclasses import dataclass

# What deleting a member's account does to the rows about them.
DELETED = "deleted"
ANONYMISED = "anonymised"  # kept, with nothing left that points to the person
STAFF = "staff"  # about editors, coordinators, administrators: not in a member's download
NONE = "none"  # holds no personal data (the reason says why it looks as if it did)


@dataclass(frozen=True)
class Holding:
    on_deletion: str
    # The key of `account.export_data()` that holds these rows, or None.
    download: str | None
    # What is held and for how long (docs/security.md).
    why: str


HOLDINGS: dict[str, Holding] = {
    "auth.User": Holding(
        DELETED,
        "login",
        "the login: username (the email), email, name, last sign-in; until the account is deleted",
    ),
    "auth.User_groups": Holding(DELETED, "roles", "roles (Editors); while the account exists"),
    "auth.User_user_permissions": Holding(
        DELETED, "roles", "permissions given by hand; while the account exists"
    ),
    "network.Member": Holding(
        DELETED,
        "member",
        "name, email, postal address, country, language, section, confirmation, "
        "unsubscription and bounces; until the account is deleted",
    ),
    "network.Member_concerns": Holding(DELETED, "preferences", "chosen concerns"),
    "network.MemberCountry": Holding(DELETED, "preferences", "chosen countries"),
    "network.Delivery": Holding(
        DELETED,
        "notifications",
        "each mail queued or sent to the member (notifications and news of outcomes; "
        "the sign-up confirmation and password resets under account_mail), with its "
        "state and last error; until "
        "the account is deleted. The outbox's rows of an appeal email and of the link "
        "to its writer (the writer's address) go with the appeal email",
    ),
    "network.Follower": Holding(
        DELETED,
        "news_of_cases",
        'an address that asked on "I have sent it" to hear how a case goes on, its '
        "language and bounces; made when an outcome is announced; until its owner stops "
        "the news (the link in each message), or deletes the account with that email",
    ),
    "network.Section_coordinators": Holding(
        DELETED, "roles", "which sections a user coordinates; while the account exists"
    ),
    "api.ApiToken": Holding(
        DELETED,
        "api_tokens",
        "API tokens (name, digest, last use); until revoked or the account is deleted",
    ),
    "actions.Appeal": Holding(
        ANONYMISED,
        "appeals",
        "each appeal a writer said they sent (official, channel, language, date) and, "
        "when they gave it, their email to hear how the case goes on; on deletion or "
        "when the writer stops the news, the email and the link to the account go and "
        "the count stays; the client address hash is blanked after CLIENT_HASH_KEEP_HOURS "
        "(48); an anonymous writer's browser hash stays with the appeal, as the counts "
        "take it once per browser, official and channel",
    ),
    "actions.SenderAddress": Holding(
        DELETED,
        "sender_addresses",
        "an address the site sent appeal emails from, and when it was confirmed; an "
        "account's until the account is deleted, any other after SENDER_ADDRESS_KEEP_DAYS "
        "(365) with no appeal email asked from it",
    ),
    "actions.OutgoingAppeal": Holding(
        DELETED,
        "appeal_emails",
        "appeal emails sent from the site: the writer's name, their letter (with their "
        "own words and address) and the official's address; the letter and name are "
        "blanked APPEAL_EMAIL_TEXT_KEEP_DAYS (30) after it was sent or failed, the client "
        "address hash and mail domain after CLIENT_HASH_KEEP_HOURS (48); the rest until "
        "the sender address goes",
    ),
    # django-otp: the two-step sign-in's authenticator (its secret key never leaves).
    "otp_totp.TOTPDevice": Holding(
        DELETED,
        "two_step_devices",
        "the authenticator set up for two-step sign-in (name, secret key, last use); "
        "until removed or the account is deleted",
    ),
    # django-axes (sign-in throttling) keys its records by the username typed.
    "axes.AccessAttempt": Holding(
        DELETED,
        "sign_ins",
        "failed sign-ins per username and client address (with the browser's user "
        "agent), until the cool-off ends or a sign-in succeeds",
    ),
    "axes.AccessFailureLog": Holding(
        DELETED, "sign_ins", "each failed sign-in: username, client address, user agent, time"
    ),
    "axes.AccessLog": Holding(
        DELETED, "sign_ins", "each sign-in and sign-out: username, client address, user agent"
    ),
    "admin.LogEntry": Holding(STAFF, None, "what staff changed in the admin; Django's history"),
    "cases.Outcome": Holding(
        STAFF, None, "the editor who recorded an outcome; set to nobody if they are deleted"
    ),
    "sessions.Session": Holding(
        STAFF,
        None,
        "sign-in sessions and the one address a browser confirmed for sending; they "
        "expire after SESSION_COOKIE_AGE; signing out or deleting the account ends the "
        "current one",
    ),
    "auth.Permission": Holding(NONE, None, "permission names"),
    "auth.Group": Holding(NONE, None, "role names"),
    "cases.Concern": Holding(NONE, None, "names of concerns"),
    "cases.Document": Holding(NONE, None, "source_name is the imported file's name"),
    "cases.Target": Holding(
        NONE, None, "officials in their public role, as the case sheets publish them"
    ),
    "network.Section": Holding(NONE, None, "national offices"),
    "django_tasks_database.DBTaskResult": Holding(
        NONE, None, "queue and backend names; task arguments are ids at most"
    ),
}


def installed(label: str) -> bool:
    """Whether the app of `label` is installed (django-axes may not be)."""
    from django.apps import apps

    app = label.split(".")[0]
    return any(config.label == app for config in apps.get_app_configs())


def about_members() -> dict[str, Holding]:
    """The holdings a member's deletion and download must cover."""
    return {
        label: h
        for label, h in HOLDINGS.items()
        if h.on_deletion in (DELETED, ANONYMISED) and installed(label)
    }
