"""Configuration: ``sosmed.yml``."""

from sosmed.config.load import CONFIG_NAME, find_config, load_config, parse_config
from sosmed.config.schema import Config, Division, Kepala, Person

__all__ = ["CONFIG_NAME", "Config", "Division", "Kepala", "Person", "find_config", "load_config", "parse_config"]
