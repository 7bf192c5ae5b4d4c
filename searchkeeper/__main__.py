from searchkeeper.launcher import main

main()
