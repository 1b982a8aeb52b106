"""Session 15: groups variants.py timings (var-m*.json of a call directory) by
directory (old/tile/new) and config and prints each group's times and ratios."""
import json, math, sys
allr={'new/tile':[], 'tile/old':[], 'new/old':[]}
for m in (256,384,512,1024):
    d=json.load(open(f'var-m{m}.json'))
    for c in d['cells']:
        by={}
        for v in c['variants']:
            grp,shape,name=v['kernel'].split('/')
            cfg=name.split('_g64_')[1]
            by.setdefault(cfg,{})[grp]=v['us']
        for cfg,t in sorted(by.items()):
            s=' '.join(f"{g}={t[g]:.1f}" for g in ('old','tile','new') if g in t)
            rs=[]
            for a,b in (('new','tile'),('tile','old'),('new','old')):
                if a in t and b in t:
                    r=t[a]/t[b]; allr[f'{a}/{b}'].append(r); rs.append(f"{a}/{b}={r:.3f}")
            print(f"M={m:<5} {c['n']}x{c['k']:<6} {cfg:<24} {s:<40} {' '.join(rs)}")
for k,v in allr.items():
    print(k, 'geomean %.3f over %d, range %.3f-%.3f'%(math.exp(sum(map(math.log,v))/len(v)), len(v), min(v), max(v)))
