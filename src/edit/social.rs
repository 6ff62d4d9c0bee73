//! Commands on monitored social-media accounts.

use super::{Command, EditError};
use crate::model::{Account, Project};

/// Accounts are kept sorted by network, then name, so that files and
/// exports list them the same way however they were added.
fn key(a: &Account) -> (String, String) {
    (a.network.trim().to_lowercase(), a.account.clone())
}

pub(super) fn put_account(p: &mut Project, account: Account) -> Result<Command, EditError> {
    let name = account.account.clone();
    if account.account.trim().is_empty() || account.network.trim().is_empty() {
        return Err(EditError::BadAccount(name, "needs a network and a name"));
    }
    if account.account.trim() != account.account || account.network.trim() != account.network {
        return Err(EditError::BadAccount(
            name,
            "has spaces around its network or name",
        ));
    }
    if account.followers == 0 {
        return Err(EditError::BadAccount(name, "needs at least one follower"));
    }
    if account.period_end < account.period_start {
        return Err(EditError::BadAccount(
            name,
            "its period ends before it starts",
        ));
    }
    let inverse = match p
        .accounts
        .iter()
        .position(|a| a.is(&account.network, &account.account))
    {
        Some(i) => Command::PutAccount {
            account: std::mem::replace(&mut p.accounts[i], account),
        },
        None => {
            let inverse = Command::RemoveAccount {
                network: account.network.clone(),
                account: account.account.clone(),
            };
            let at = p.accounts.partition_point(|a| key(a) < key(&account));
            p.accounts.insert(at, account);
            inverse
        }
    };
    Ok(inverse)
}

pub(super) fn remove_account(
    p: &mut Project,
    network: &str,
    account: &str,
) -> Result<Command, EditError> {
    let i = p
        .accounts
        .iter()
        .position(|a| a.is(network, account))
        .ok_or_else(|| EditError::NoAccount(network.to_string(), account.to_string()))?;
    Ok(Command::PutAccount {
        account: p.accounts.remove(i),
    })
}
