"""The input kinds read by their own modules: Terraform configurations in JSON syntax
(`terraform_module`) and CloudTrail events (`cloudtrail`), recognised here for
`inputs.subjects`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .cloudtrail import cloudtrail_subjects, is_cloudtrail
from .inputs import Subject
from .terraform_module import configuration_subjects, is_configuration, is_state

__all__ = ["is_state", "more_subjects"]


def more_subjects(data: Any) -> Iterator[Subject] | None:
    """The subjects of `data` if it is one of these kinds, else None."""
    if is_configuration(data):  # Terraform's JSON syntax: the file as a module
        return configuration_subjects(data)
    if is_cloudtrail(data):
        return cloudtrail_subjects(data)
    return None
