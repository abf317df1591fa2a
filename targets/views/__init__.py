"""The targets app's views, one module per concern."""
