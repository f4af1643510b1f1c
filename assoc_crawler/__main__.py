import sys

from assoc_crawler.cli.main import main

sys.exit(main())
