from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comments.digest import send_digest


class Command(BaseCommand):
    help = (
        "Mail the editors the digest of the last complete hour or day "
        "(DJANGO_COMMENT_DIGEST); safe to run again: a period is mailed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            choices=["hourly", "daily"],
            help="Overrides DJANGO_COMMENT_DIGEST for this run.",
        )

    def handle(self, *args, period=None, **options):
        kind = period or settings.COMMENT_DIGEST
        if not kind:
            raise CommandError(
                "DJANGO_COMMENT_DIGEST is not set (hourly or daily): the editors get a mail "
                "per comment, and there is no digest to send."
            )
        if not settings.MANAGERS:
            raise CommandError("DJANGO_MANAGERS is empty: there is nobody to send the digest to.")
        self.stdout.write(send_digest(kind))
