from deadcode.cli import main

main()
