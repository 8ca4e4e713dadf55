// Prints a bcrypt hash of argv[2] made by bcryptjs, the library Node's @socket.io/admin-ui uses:
// the .NET server must accept what Node users already have in their configuration.
import bcrypt from "bcryptjs";

process.stdout.write(bcrypt.hashSync(process.argv[2] ?? "", 4));
