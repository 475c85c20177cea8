using Inbox.RelayLoad;

// Two roles in one binary, so the relay's CPU is measured apart from the load generator's:
//   relay: opens N bridged call pairs and prints their ports; runs until its standard input closes.
//   load (default): starts the relay role as a child process, plays 2N phones against it, reports.
return args.Contains("--relay")
    ? await RelayRole.RunAsync(LoadOptions.Parse(args))
    : await LoadRole.RunAsync(LoadOptions.Parse(args));
