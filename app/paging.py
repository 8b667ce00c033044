"""One paging helper for every list that can grow.

Sorting happens on the server before the page is cut, so "sort by name" orders the
whole list, not only the rows on screen. The page, the sort key and the direction come
from the query string (`page`, `sort`, `dir`); other query arguments (filters) are kept
in the links.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from flask import request, url_for
from sqlalchemy import Select, func, select

from app.extensions import db

PER_PAGE = 50


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int
    sort: str | None
    descending: bool

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_index(self) -> int:
        """1-based position of the first item on this page (for rank columns)."""
        return (self.page - 1) * self.per_page + 1

    def __iter__(self) -> Iterator:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def url(self, **changes: Any) -> str:
        args = request.args.to_dict()
        args.update({k: v for k, v in changes.items() if v is not None})
        if args.get("page") in (1, "1"):
            args.pop("page")
        return url_for(request.endpoint, **(request.view_args or {}), **args)

    def sort_url(self, key: str) -> str:
        descending = self.sort == key and not self.descending
        return self.url(sort=key, dir="desc" if descending else "asc", page=1)

    def aria_sort(self, key: str) -> str | None:
        if self.sort != key:
            return None
        return "descending" if self.descending else "ascending"


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return max(1, int(raw)) if raw.isdigit() else 1


def paginate(
    source: Select | Sequence,
    per_page: int = PER_PAGE,
    sorts: dict[str, Callable[[Any], Any] | Any] | None = None,
) -> Page:
    """Cut one page out of a SELECT statement or an in-memory list.

    `sorts` maps a query-string key to a column (for a statement) or a key function
    (for a list); an unknown key keeps the source's own order.
    """
    sorts = sorts or {}
    sort = request.args.get("sort")
    sort = sort if sort in sorts else None
    descending = request.args.get("dir") == "desc"
    number = _page_number()
    if isinstance(source, Select):
        if sort:
            column = sorts[sort]
            source = source.order_by(None).order_by(column.desc() if descending else column.asc())
        counted = select(func.count()).select_from(source.order_by(None).subquery())
        total = db.session.scalar(counted)
        pages = max(1, math.ceil(total / per_page))
        number = min(number, pages)
        items = db.session.scalars(source.limit(per_page).offset((number - 1) * per_page)).all()
    else:
        rows = list(source)
        if sort:
            rows.sort(key=lambda r: _none_last(sorts[sort](r)), reverse=descending)
        total = len(rows)
        number = min(number, max(1, math.ceil(total / per_page)))
        items = rows[(number - 1) * per_page: number * per_page]
    return Page(list(items), number, per_page, total, sort, descending)


def _none_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)
