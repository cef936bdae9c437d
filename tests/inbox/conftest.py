from tests.citycases.conftest import make_case  # noqa: F401 — the city-case driver fixture
