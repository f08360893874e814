"""lwm2m-shell: an interactive shell for the LWM2M connector device of a Cumulocity tenant."""

__version__ = "0.1.0.dev0"
