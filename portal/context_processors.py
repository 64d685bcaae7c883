from articles.models import Category


def menu(request):
    """What every page's header needs: the sections for the main menu."""
    return {"menu_categories": Category.objects.all()}
