import random

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

from comments import captcha

COLUMNS, ROWS, GUTTER = 4, 5, 24


def sample_sheet(count=COLUMNS * ROWS):
    """A sheet of captchas drawn exactly as readers get them (the same code,
    fixed seeds so the sheet only changes when the drawing does), numbered
    in the corner. Returns the sheet and the answers in order."""
    width = COLUMNS * (captcha.WIDTH + GUTTER) + GUTTER
    height = ROWS * (captcha.HEIGHT + GUTTER) + GUTTER
    sheet = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(sheet)
    label = ImageFont.load_default(size=14)
    answers = []
    for index in range(count):
        rng = random.Random(index)
        answer = "".join(rng.choice(captcha.ALPHABET) for _ in range(5))
        image = captcha.draw(answer, rng)
        row, column = divmod(index, COLUMNS)
        x = GUTTER + column * (captcha.WIDTH + GUTTER)
        y = GUTTER + row * (captcha.HEIGHT + GUTTER)
        sheet.paste(image.convert("RGB"), (x, y))
        pen.text((x - GUTTER + 3, y - GUTTER + 4), str(index + 1), font=label, fill="gray")
        answers.append(answer)
    return sheet, answers


class Command(BaseCommand):
    help = "Vẽ một trang 20 mã xác nhận mẫu (PNG) để người kiểm tra xem có đọc được không."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp PNG sẽ ghi, ví dụ docs/captcha-samples.png")

    def handle(self, *, path, **options):
        sheet, answers = sample_sheet()
        # Blends of two colours, white and grey: a palette keeps every shade.
        sheet.convert("P", palette=Image.Palette.ADAPTIVE, colors=128).save(path, optimize=True)
        for number, answer in enumerate(answers, start=1):
            self.stdout.write(f"{number:2}. {answer}")
