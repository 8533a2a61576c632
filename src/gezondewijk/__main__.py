from gezondewijk.cli import main

main()
