"""Scrapy commands of the project (``COMMANDS_MODULE``): ``crawl``, which checks the ``site`` spider's arguments
before Scrapy starts."""
