"""Developer tools, apart from the product: the demo, fixture replay (in-process
and against a running server) and fixture export. Only the CLI and the tests
import them."""
