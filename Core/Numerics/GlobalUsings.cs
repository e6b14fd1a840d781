global using Lnsgd.Core.Numerics;
