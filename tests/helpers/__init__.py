"""What the tests share: factories, clients, form helpers, live servers,
mail and task helpers. Test modules and conftest files import from here,
never from each other."""
