"""Challenge 3, Forms and validation: the "suggest a recipe" form (a plain Form)."""
