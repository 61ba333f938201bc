"""The Typer classes every command group uses: plain help, repeated options refused, and one
place where exceptions become messages.

Help is click's plain formatter (`rich_markup_mode=None`): it reflows paragraphs to the
terminal, names metavars in capitals, and does not load rich's help renderer, which alone would
take longer than the whole start-up budget.
"""

from __future__ import annotations

import difflib
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from bilateral_db.cli import errors


class StrictCommand(TyperCommand):
    """A command that refuses an option given twice (click would silently keep the last), and
    shows arguments as plain metavars (BLOC, not {BLOC} and BLOC <str>)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx: None  # type: ignore[attr-defined]

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                name = name if param.required else f"[{name}]"
                pieces.append(name if param.nargs == 1 else f"{name}...")
        return pieces

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        single: dict[str, Any] = {}
        for param in self.params:
            if getattr(param, "multiple", False) or getattr(param, "count", False):
                continue
            for name in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
                if name.startswith("-"):
                    single[name] = param
        seen: dict[str, str] = {}
        tokens = iter(args)
        for token in tokens:
            if token == "--":
                break
            name = token.split("=", 1)[0]
            attached = False
            if name not in single and token[:1] == "-" and token[1:2] not in ("-", ""):
                name, attached = token[:2], len(token) > 2  # -fjson: a short option and its value
            option = single.get(name)
            if option is None:
                continue
            if option.name in seen:
                raise typer.BadParameter(
                    "given twice; give it once",
                    ctx=ctx,
                    param=option,
                )
            seen[option.name] = token
            if "=" not in token and not attached and not getattr(option, "is_flag", False):
                next(tokens, None)  # the option's value, which may itself look like an option
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter:
            raise
        except Exception as error:  # the click Typer vendors: its NoSuchOption, by its fields
            wrong = getattr(error, "option_name", None)
            if wrong is None or not hasattr(error, "possibilities"):
                raise
            nearest = nearest_option(wrong, list(single))
            error.possibilities = [nearest] if nearest is not None else None
            raise


# Words a user may reach for, and the option each means where a command has it.
SYNONYMS = {
    "--on": ("--date", "--day", "--at", "--when", "--as-of", "--asof"),
    "--from": ("--start", "--since", "--begin", "--after"),
    "--to": ("--end", "--until", "--till", "--before"),
    "--format": ("--output", "--as", "--fmt"),
}


def nearest_option(wrong: str, options: list[str]) -> str | None:
    """The option a synonym stands for (--date: --on), else the command's option spelt
    closest to `wrong` (--fromat: --format), else None."""
    long = [option for option in options if option.startswith("--")]
    name = wrong.split("=", 1)[0].lower()
    meant = [option for option, words in SYNONYMS.items() if name in words and option in long]
    if meant:  # before spelling: --date is one letter from --cite, but means --on
        return meant[0]
    close = difflib.get_close_matches(name, long, n=1, cutoff=0.6)
    return close[0] if close else None


class RootGroup(TyperGroup):
    """The top-level group: a failing command prints one line, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:  # every exception, by design: see errors.explain
            errors.handle(error, debug=errors.debug_enabled(ctx))


class App(typer.Typer):
    """typer.Typer with this project's defaults for commands and help."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("pretty_exceptions_enable", False)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", StrictCommand)
        return super().command(*args, **kwargs)
