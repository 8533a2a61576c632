"""The one paginator of the API's lists: limit and offset with upper bounds.

Ninja's LimitOffsetPagination accepts any integer; a limit or offset beyond what the database
holds in an integer (found by the schemathesis fuzz test: limit=10**24) was a server error
instead of a 422 naming the parameter.
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
