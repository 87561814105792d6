//! Rebuilds the store when a migration is added: `sqlx::migrate!` embeds the migrations' files,
//! but cargo sees only the files that existed at the last build, not a new one beside them.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
