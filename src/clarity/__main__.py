from clarity.cli.main import main

raise SystemExit(main())
