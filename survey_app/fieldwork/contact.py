"""A contact guardians can use, printed on the letter: a phone number (China by default) or an e-mail address."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email

REGION = "CN"
MAX_LENGTH = 120


class NotAContact(ValueError):
    """The text is neither a phone number nor an e-mail address."""


def normalise_contact(text: str | None) -> str | None:
    """The contact as it is printed (``0755 8355 1234``, ``+44 20 7946 0958``, ``a@b.cn``); None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_LENGTH:
        raise NotAContact(text)
    if "@" in text:
        try:
            return validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError as error:
            raise NotAContact(text) from error
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException as error:
        raise NotAContact(text) from error
    if not phonenumbers.is_valid_number(number):
        raise NotAContact(text)
    home = phonenumbers.region_code_for_number(number) == REGION
    style = phonenumbers.PhoneNumberFormat.NATIONAL if home else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)
