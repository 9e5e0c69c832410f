"""`{% related_cases case as related %}`: the archive's related cases on the case page.

A tag rather than the view's context, so the case page (cases) imports nothing of
the archive, which reads the cases' models.
"""

from django import template

from lifeline.archive import related

register = template.Library()
register.simple_tag(related.related_cases, name="related_cases")
