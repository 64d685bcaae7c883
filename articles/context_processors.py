from .models import Category


def portal(request):
    """What every page's header needs: the sections for the main menu."""
    return {"menu_categories": Category.objects.all()}
