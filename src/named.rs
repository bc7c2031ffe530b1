//! Enums of named choices (output formats, profiles): each variant has a name, as typed on the
//! command line and shown in messages, and a line of help. `named_enum!`
//! writes, from one table, the enum, its [`Named`] list, `name()`, `help()`, `names()`,
//! `Display` (the name), `FromStr` (by name) and the error of an unknown name, which lists
//! the names ("unknown RDF format 'yaml'; use one of: turtle, ntriples, ...").

/// An enum of named choices; see `named_enum!`. The command line builds
/// its lists of possible values (with their help) from it.
pub trait Named: Copy + Sized + 'static {
    /// Every variant, in help order.
    const ALL: &'static [Self];

    /// The variant's name.
    fn name(self) -> &'static str;

    /// One line saying what the variant is.
    fn help(self) -> &'static str;
}

/// Defines an enum of named choices:
///
/// ```ignore
/// named_enum! {
///     /// How the report is written.
///     pub enum ReportFormat {
///         Text = "text": "One line per problem, then a summary",
///         Json = "json": "One JSON object, for programs",
///     }
///     /// A report format name that is not one of [`ReportFormat::ALL`].
///     error UnknownReportFormat = "report format";
/// }
/// ```
///
/// Each variant's help is also its doc comment. Attributes before `pub enum` (such as
/// `#[derive(Default)]`) and before a variant (such as `#[default]`) are kept. The error
/// type says "unknown report format 'NAME'; use one of: text, json".
macro_rules! named_enum {
    (
        $(#[$attribute:meta])*
        pub enum $name:ident {
            $( $(#[$variant_attribute:meta])* $variant:ident = $text:literal : $help:literal, )+
        }
        $(#[$error_attribute:meta])*
        error $error:ident = $what:literal;
    ) => {
        $(#[$attribute])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $( #[doc = $help] $(#[$variant_attribute])* $variant, )+
        }

        impl $name {
            /// Every variant, in help order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used on the command line.
            pub fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// One line saying what it is (the command line's help).
            pub fn help(self) -> &'static str {
                match self {
                    $( $name::$variant => $help, )+
                }
            }

            /// The names, joined by ", ", for messages.
            pub fn names() -> String {
                Self::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
            }
        }

        impl $crate::named::Named for $name {
            const ALL: &'static [$name] = $name::ALL;

            fn name(self) -> &'static str {
                $name::name(self)
            }

            fn help(self) -> &'static str {
                $name::help(self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        $(#[$error_attribute])*
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[error("unknown {} '{}'; use one of: {}", $what, .0, $name::names())]
        pub struct $error(pub String);

        impl ::std::str::FromStr for $name {
            type Err = $error;

            fn from_str(name: &str) -> Result<Self, $error> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == name)
                    .ok_or_else(|| $error(name.to_owned()))
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    super::named_enum! {
        /// Two colours.
        #[derive(Default)]
        pub enum Colour {
            Red = "red": "Like a cherry",
            #[default]
            Sea = "sea-green": "Like the sea",
        }
        /// Not a colour.
        error UnknownColour = "colour";
    }

    #[test]
    fn names_help_display_and_parsing_come_from_the_table() {
        assert_eq!(Colour::ALL, &[Colour::Red, Colour::Sea]);
        assert_eq!(Colour::Sea.name(), "sea-green");
        assert_eq!(Colour::Red.help(), "Like a cherry");
        assert_eq!(Colour::names(), "red, sea-green");
        assert_eq!(Colour::Sea.to_string(), "sea-green");
        assert_eq!(Colour::default(), Colour::Sea);
        assert_eq!("sea-green".parse::<Colour>(), Ok(Colour::Sea));
        assert_eq!(
            "Sea".parse::<Colour>().unwrap_err().to_string(),
            "unknown colour 'Sea'; use one of: red, sea-green"
        );
    }
}
