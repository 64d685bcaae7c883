from datetime import timedelta

from captcha.models import CaptchaStore
from django.core.management.base import BaseCommand
from django.utils import timezone

from comments import throttle

# The longest window a per-network count is kept for.
RATE_COUNTS_KEPT = timedelta(days=1)


class Command(BaseCommand):
    help = "Xoá mã xác nhận đã hết hạn và số đếm giới hạn đã cũ. Chạy định kỳ (cron)."

    def handle(self, *args, verbosity, **options):
        now = timezone.now()
        captchas = CaptchaStore.objects.filter(expiration__lte=now).delete()[0]
        counts = throttle.forget_before((now - RATE_COUNTS_KEPT).timestamp())
        if verbosity >= 1:
            self.stdout.write(f"Đã xoá {captchas} mã xác nhận hết hạn, {counts} số đếm cũ.")
