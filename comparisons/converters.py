"""Path converters: an address names a record only in the shape its key can take."""


class CountryCodeConverter:
    """Two ASCII letters, either case (the country page redirects lower case to the ISO
    capitals). Anything else names no country and is a 404 before it reaches the database,
    which it could otherwise break: PostgreSQL refuses a NUL character in a query."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
