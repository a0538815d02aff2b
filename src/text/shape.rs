//! Placeholder: identity until the shaping module (issue 8) lands.

/// The chars unchanged.
pub fn shape(chars: &[char]) -> Vec<char> {
    chars.to_vec()
}
