"""The running count of appeals sent, for the case page."""

from django import template

from lifeline.actions.appeals import case_counts

register = template.Library()


@register.inclusion_tag("actions/_counts.html", takes_context=True)
def appeal_counts(context, case):
    """Appeals sent per target and channel (one query), with the thanks for the last one.

    The thanks ("your appeal is counted") sit beside the counts, where "I have
    sent it" lands the writer.
    """
    return {"counts": case_counts(case), "case": case, "messages": context.get("messages")}
