/** The leadscore version, recorded in every IR it compiles. A test keeps it equal to package.json. */
export const compilerVersion = '0.1.0';
