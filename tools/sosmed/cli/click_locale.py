"""Click's own messages ("Usage:", "Error:", "Invalid value for …", "Aborted!") in the user's language.

Click marks its messages for GNU gettext (``from gettext import gettext as _`` in each of its
modules) but ships no translations, so an Indonesian user would read English in the middle of
an Indonesian screen. :func:`install` points those module-level functions at this catalogue:
each of click's message ids maps to a catalogue key whose text keeps click's placeholders
(``{param_hint}``, ``%(prog)s`` …); an id with no key passes through unchanged.
"""

from __future__ import annotations

import importlib
from typing import Any

from sosmed.i18n import catalogue, get_language

MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")

SINGULAR = {
    "%(prog)s, version %(version)s": "click.version",
    "Aborted!": "click.aborted",
    "Argument {name!r} takes {nargs} values.": "click.argument_nargs",
    "Choose from:\n\t{choices}": "click.choose_from",
    "Commands": "click.commands",
    "Could not open file {filename!r}: {message}": "click.could_not_open",
    "Do you want to continue?": "click.continue",
    "Error: The two entered values do not match.": "click.no_match",
    "Error: invalid input": "click.invalid_input",
    "Error: {message}": "click.error",
    "Invalid value for {param_hint}: {message}": "click.invalid_value_for",
    "Invalid value: {message}": "click.invalid_value",
    "Missing argument": "click.missing_argument",
    "Missing command.": "click.missing_command",
    "Missing option": "click.missing_option",
    "Missing parameter": "click.missing_parameter",
    "Missing parameter: {param_name}": "click.missing_parameter_named",
    "Missing {param_type}": "click.missing_type",
    "No such command {name!r}.": "click.no_such_command",
    "No such option {name!r}.": "click.no_such_option",
    "Option {name!r} does not take a value.": "click.no_value",
    "Options": "click.options",
    "Press any key to continue...": "click.press_key",
    "Repeat for confirmation": "click.repeat",
    "Show the version and exit.": "click.version_help",
    "Show this message and exit.": "click.help_help",
    "Try '{command} {option}' for help.": "click.try_help",
    "Usage:": "click.usage",
    "default: {default}": "click.default",
    "deprecated": "click.deprecated",
    "directory": "click.directory",
    "env var: {var}": "click.env_var",
    "file": "click.file",
    "path": "click.path",
    "required": "click.required",
    "unknown error": "click.unknown_error",
    "{name} {filename!r} does not exist.": "click.not_exist",
    "{name} {filename!r} is a directory.": "click.is_directory",
    "{name} {filename!r} is a file.": "click.is_file",
    "{name} {filename!r} is not readable.": "click.not_readable",
    "{name} {filename!r} is not writable.": "click.not_writable",
    "{value!r} is not a valid {number_type}.": "click.not_number",
    "{value} is not in the range {range}.": "click.not_in_range",
    "{value!r} is not a valid boolean. Recognized values: {states}": "click.not_boolean",
}

PLURAL = {
    "Got unexpected extra argument ({args})": "click.extra_argument",
    "Did you mean {possibility}?": "click.did_you_mean",
    "{value!r} is not {choice}.": "click.not_choice",
    "{value!r} does not match the format {format}.": "click.not_format",
    "Option {name!r} requires an argument.": "click.option_nargs",
    "Takes {nargs} values but 1 was given.": "click.takes_nargs",
}


def _text(key: str) -> str | None:
    return catalogue(get_language()).get(key)


def gettext(message: str) -> str:
    """Click's message ``message`` in the current language (unchanged when it has no key)."""
    key = SINGULAR.get(message)
    return (_text(key) if key else None) or message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Click's singular/plural message for ``count`` in the current language."""
    key = PLURAL.get(singular)
    if key:
        text = _text(f"{key}.{'one' if count == 1 else 'other'}")
        if text:
            return text
    return singular if count == 1 else plural


def install() -> None:
    """Make click's modules look their messages up here (idempotent)."""
    for name in MODULES:
        module: Any = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
