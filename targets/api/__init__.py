"""The JSON API, version 1: ``read`` for targets and progress, more modules as they come."""
